namespace DelTran.Host.Api;

public static class OperatorEndpoints
{
    /// <summary>
    /// Admits only DelTran's operators to the endpoints: anyone else gets 401 before the handler runs. An admitted call
    /// that changes something is written to the operators' audit log (<see cref="OperatorAuditLog"/>).
    /// </summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Admits(EndpointAccess.OperatorsOnly).AddEndpointFilter(async (context, next) => OperatorOf(context.HttpContext) is not string name
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An operator's X-Api-Key is required.")
            : await OperatorAuditLog.RecordCallAsync(context, next, name));

    /// <summary>The authenticated operator's name, or null.</summary>
    public static string? OperatorOf(HttpContext http) => http.RequestServices.GetRequiredService<OperatorAuthentication>().Authenticate(http.Request);
}
