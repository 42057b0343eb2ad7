using Microsoft.Extensions.Options;

namespace DelTran.Host.Infrastructure.Banks;

public sealed class BankEndpointOptionsValidator : IValidateOptions<BankEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, BankEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
