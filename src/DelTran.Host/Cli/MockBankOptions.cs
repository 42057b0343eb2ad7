using Microsoft.Extensions.Options;

namespace DelTran.Host.Cli;

/// <summary>
/// The "DelTran:MockBank" section: where `deltran process` finds the mock bank it runs when no bank endpoint is
/// configured (DelTran:Banks:BaseUrl). Only `process` reads it; `serve` never runs a mock bank.
/// </summary>
public sealed class MockBankOptions
{
    public const string Section = "DelTran:MockBank";

    /// <summary>The `deltran-mockbank` executable; null: the one beside `deltran`.</summary>
    public string? Executable { get; set; }

    /// <summary>Problems with the section, each a sentence; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Executable is not null && (string.IsNullOrWhiteSpace(Executable) || Executable.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            problems.Add($"{Section}:Executable '{Executable}' is not a path.");
        }

        return problems;
    }

    /// <summary>The section bound from <paramref name="configuration"/> and validated; every problem in one <see cref="OptionsValidationException"/>.</summary>
    public static MockBankOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new MockBankOptions();
        configuration.GetSection(Section).Bind(options);
        IReadOnlyList<string> problems = options.Problems();
        return problems.Count == 0 ? options : throw new OptionsValidationException(Options.DefaultName, typeof(MockBankOptions), problems);
    }
}
