using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace DelTran.Host.Infrastructure.Banks;

/// <summary>
/// <see cref="IBankGateway"/> over Refit and the HttpClientFactory. Each call goes through the settlement client's
/// one resilience pipeline (<see cref="BankGatewayRegistration"/>), one instance per bank endpoint; the
/// instruction id is always sent as the Idempotency-Key, which is what makes retrying a money-moving POST safe.
/// </summary>
public sealed partial class BankGateway(IHttpClientFactory httpClientFactory, IOptions<BankEndpointOptions> options, ILogger<BankGateway> logger)
    : IBankGateway
{
    /// <summary>The named HttpClient for settlements, with the resilience pipeline.</summary>
    public const string SettlementClientName = "deltran-bank-settlement";

    /// <summary>The named HttpClient for /health probes: one attempt within AttemptTimeout, outside the breaker.</summary>
    public const string HealthClientName = "deltran-bank-health";

    public async Task<BankSettlementResult> SettleAsync(BankSettlementInstruction request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri? endpoint = options.Value.EndpointFor(request.Participant);
        if (endpoint is null)
        {
            var unrouted = BankSettlementResult.FailedWith(
                BankFailureCodes.Unavailable,
                $"no bank endpoint is configured for {request.Participant} ({BankEndpointOptions.Section}).");
            LogFailed(logger, request.InstructionId, request.Participant, "(none)", unrouted.FailureCode!, unrouted.FailureMessage!);
            return unrouted;
        }

        IBankSettlementApi api = Api(SettlementClientName, endpoint);
        BankSettlementResult result;
        try
        {
            using IApiResponse<BankSettlementConfirmation> response = await api.SettleAsync(request.InstructionId, request, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            result = response.HasRequestError(out ApiRequestException? requestError)
                ? FromException(requestError)
                : FromResponse(response);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsBankSide(ex))
        {
            result = FromException(ex);
        }

        if (result.Confirmed)
        {
            LogConfirmed(logger, request.InstructionId, request.Participant, result.ConfirmationId!);
        }
        else
        {
            LogFailed(logger, request.InstructionId, request.Participant, endpoint.ToString(), result.FailureCode!, result.FailureMessage!);
        }

        return result;
    }

    public async Task<BankSettlementResult?> FindAsync(string instructionId, string participant, CancellationToken cancellationToken)
    {
        if (options.Value.EndpointFor(participant) is not { } endpoint)
        {
            return BankSettlementResult.FailedWith(BankFailureCodes.Unavailable, $"no bank endpoint is configured for {participant} ({BankEndpointOptions.Section}).");
        }

        try
        {
            using IApiResponse<BankSettlementConfirmation> response = await Api(SettlementClientName, endpoint).FindAsync(instructionId, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return response.StatusCode == HttpStatusCode.NotFound ? null
                : response.HasRequestError(out ApiRequestException? requestError) ? FromException(requestError)
                : FromResponse(response);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsBankSide(ex))
        {
            return FromException(ex);
        }
    }

    public async Task<decimal?> ReserveBalanceAsync(string currency, CancellationToken cancellationToken)
    {
        decimal balance = 0m;
        foreach (Uri endpoint in options.Value.Endpoints())
        {
            try
            {
                using IApiResponse<BankReserveStatement> response = await Api(SettlementClientName, endpoint).ReserveStatementAsync(currency, cancellationToken);
                if (!response.IsSuccessful || response.Content is not { } statement || statement.Currency != currency)
                {
                    LogStatementUnavailable(logger, endpoint.ToString(), currency, $"answered {(int?)response.StatusCode}");
                    return null;
                }

                balance += statement.Balance;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsBankSide(ex))
            {
                LogStatementUnavailable(logger, endpoint.ToString(), currency, ex.Message);
                return null;
            }
        }

        return balance;
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        (await ProbeAsync(cancellationToken)).All(p => p.Healthy);

    /// <summary>Asks every configured endpoint for /health at once.</summary>
    public async Task<IReadOnlyList<BankEndpointProbe>> ProbeAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(options.Value.Endpoints().Select(endpoint => ProbeAsync(endpoint, cancellationToken)));

    private async Task<BankEndpointProbe> ProbeAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await Api(HealthClientName, endpoint).HealthAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? new BankEndpointProbe(endpoint, true, null)
                : new BankEndpointProbe(endpoint, false, $"/health answered {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsBankSide(ex))
        {
            return new BankEndpointProbe(endpoint, false, FromException(ex).FailureMessage);
        }
    }

    private IBankSettlementApi Api(string clientName, Uri endpoint)
    {
        // Clients from the factory are cheap and share pooled handlers; the base address is per bank.
        HttpClient client = httpClientFactory.CreateClient(clientName);
        client.BaseAddress = endpoint;
        return RestService.For<IBankSettlementApi>(client);
    }

    private static BankSettlementResult FromResponse(IApiResponse<BankSettlementConfirmation> response)
    {
        if (response.IsSuccessful)
        {
            return response.Content is { Status: "CONFIRMED", ConfirmationId: { Length: > 0 } confirmationId }
                ? BankSettlementResult.ConfirmedAs(confirmationId, response.Content.BookedAt)
                : BankSettlementResult.FailedWith(
                    BankFailureCodes.Unavailable,
                    $"the bank answered {(int?)response.StatusCode} without a confirmation (status '{response.Content?.Status}').");
        }

        if (!response.IsSuccessStatusCode && response.StatusCode is { } statusCode)
        {
            int status = (int)statusCode;
            string? content = response.HasResponseError(out ApiException? error) ? error.Content : null;
            string detail = $"the bank answered {status}{ErrorDetail(content)}.";
            return statusCode switch
            {
                HttpStatusCode.RequestTimeout => BankSettlementResult.FailedWith(BankFailureCodes.Timeout, detail),
                HttpStatusCode.TooManyRequests => BankSettlementResult.FailedWith(BankFailureCodes.Unavailable, detail),
                _ when status >= 500 => BankSettlementResult.FailedWith(BankFailureCodes.Unavailable, detail),
                _ => BankSettlementResult.FailedWith(BankFailureCodes.Rejected, detail),
            };
        }

        // A 2xx whose body could not be read: asking again with the same key replays the bank's answer.
        return BankSettlementResult.FailedWith(
            BankFailureCodes.Unavailable,
            $"the bank's answer could not be read: {response.Error?.Message}");
    }

    private static string ErrorDetail(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return string.Empty;
        }

        try
        {
            BankErrorBody? error = JsonSerializer.Deserialize<BankErrorBody>(content, JsonSerializerOptions.Web);
            if (error?.Error is not null)
            {
                return $" {error.Error}: {error.Reason}";
            }
        }
        catch (JsonException)
        {
            // Not our error shape (a proxy's page, say): show the start of it instead.
        }

        return $": {content[..Math.Min(content.Length, 200)]}";
    }

    private static bool IsBankSide(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException
            or ApiException or ApiRequestException or JsonException;

    private BankSettlementResult FromException(Exception ex) => ex switch
    {
        ApiRequestException { InnerException: { } inner } => FromException(inner),
        TimeoutRejectedException => BankSettlementResult.FailedWith(
            BankFailureCodes.Timeout,
            $"no answer within the timeout (attempt {options.Value.AttemptTimeout}, total {options.Value.TotalTimeout})."),
        BrokenCircuitException => BankSettlementResult.FailedWith(
            BankFailureCodes.Unavailable,
            "the circuit to the bank is open after repeated failures; not called."),
        OperationCanceledException => BankSettlementResult.FailedWith(BankFailureCodes.Timeout, "no answer in time."),
        HttpRequestException http => BankSettlementResult.FailedWith(BankFailureCodes.Unavailable, $"the bank cannot be reached: {http.Message}"),
        _ => BankSettlementResult.FailedWith(BankFailureCodes.Unavailable, $"the call to the bank failed: {ex.Message}"),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Bank confirmed {InstructionId} for {Participant} as {ConfirmationId}")]
    private static partial void LogConfirmed(ILogger logger, string instructionId, string participant, string confirmationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bank {Endpoint} did not confirm {InstructionId} for {Participant}: {FailureCode} {FailureMessage}")]
    private static partial void LogFailed(ILogger logger, string instructionId, string participant, string endpoint, string failureCode, string failureMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bank {Endpoint} gave no statement of the {Currency} token reserve: {Reason}")]
    private static partial void LogStatementUnavailable(ILogger logger, string endpoint, string currency, string reason);
}
