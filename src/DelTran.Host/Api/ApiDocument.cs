using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DelTran.Host.Api;

/// <summary>
/// The OpenAPI document says what the API does: the security schemes (a participant's key, an operator's key or
/// HTTP Basic), each guarded operation's accepted schemes, and the answers every guarded operation can give besides
/// its own (401 without a valid key, 503 while the database is away or the start-up has not finished).
/// </summary>
public static class ApiDocument
{
    public const string ParticipantKey = "participantKey";
    public const string OperatorKey = "operatorKey";
    public const string OperatorBasic = "operatorBasic";

    /// <summary>Declares who may call the endpoints, for the document (the filters and handlers enforce it).</summary>
    public static TBuilder Admits<TBuilder>(this TBuilder builder, EndpointAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(access);

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[ParticipantKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "A participant's API key (DelTran keeps only its SHA-256). A suspended participant's keys are refused.",
            };
            document.Components.SecuritySchemes[OperatorKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "An operator's API key.",
            };
            document.Components.SecuritySchemes[OperatorBasic] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "An operator's name and key, for a browser (the Hangfire dashboard).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointAccess>().LastOrDefault() is not { } access)
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            if (access.Participants)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ParticipantKey, context.Document)] = [] });
            }

            if (access.Operators)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorKey, context.Document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorBasic, context.Document)] = [] });
            }

            operation.Responses ??= [];
            foreach ((string status, string description) in new[]
            {
                ("401", "No valid key for this operation (a problem document)."),
                ("503", "The database cannot be reached, or the service has not finished starting; Retry-After says when to try again (a problem document)."),
            })
            {
                operation.Responses.TryAdd(status, new OpenApiResponse { Description = description });
            }

            return Task.CompletedTask;
        });
    }
}
