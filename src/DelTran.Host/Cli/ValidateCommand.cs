using System.Text.Encodings.Web;
using System.Text.Json;
using DelTran.Core.Validation;
using DelTran.Host.Infrastructure.Configuration;

namespace DelTran.Host.Cli;

/// <summary>
/// `deltran validate FILE|DIR...`: one JSON line per file on stdout; exit 0 when every file is accepted,
/// 1 when any is rejected, 2 for a usage or system error. Directories are searched for *.xml in ordinal order.
/// </summary>
public static class ValidateCommand
{
    public const int ExitAccepted = 0;
    public const int ExitRejected = 1;
    public const int ExitUsage = 2;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(IReadOnlyList<string> inputs, DateOnly businessDate, int workers, DelTranOptions options, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<string> problems = options.Problems();
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                stderr.WriteLine("deltran: configuration: " + problem);
            }

            return ExitUsage;
        }

        List<string>? files = InputFiles.Expand(inputs, stderr);
        if (files is null)
        {
            return ExitUsage;
        }

        var performance = new ValidationPerformance { Workers = workers };
        var validator = new MessageValidator(UsageGuidelineSchemas.Compiled, options.ToRulebook(), options.ToDirectory(), performance);
        // One registry for the whole run: a message id or UETR repeated across the files given is caught too.
        var registry = new InMemoryDuplicateRegistry();
        var context = new ValidationContext(businessDate, registry);
        bool anyRejected = false;
        using var output = new MemoryStream();
        for (int index = 0; index < files.Count; index++)
        {
            string file = files[index];
            // No file after the last asks about its transactions, so it need not hold their identifiers.
            registry.RemembersTransactions = index < files.Count - 1;
            ValidationReport report;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
                report = validator.Validate(stream, context);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"deltran: cannot read {file}: {ex.Message}");
                return ExitUsage;
            }

            anyRejected |= !report.Accepted;
            output.SetLength(0);
            WriteJsonLine(output, file, report);
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length));
        }

        stdout.Flush();
        return anyRejected ? ExitRejected : ExitAccepted;
    }

    public static void WriteJsonLine(Stream output, string file, ValidationReport report)
    {
        using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartObject();
        json.WriteString("file", file);
        if (report.Definition is null)
        {
            json.WriteNull("messageType");
        }
        else
        {
            json.WriteString("messageType", report.Definition.Identifier);
        }

        json.WriteString("status", report.Accepted ? "ACCEPTED" : "REJECTED");
        json.WriteNumber("transactions", report.TransactionCount);
        json.WriteStartArray("reasons");
        foreach (ValidationIssue issue in report.Issues)
        {
            json.WriteStartObject();
            json.WriteString("code", issue.Code);
            json.WriteString("path", issue.Path);
            json.WriteString("message", issue.Message);
            if (issue.Transaction is null)
            {
                json.WriteNull("transaction");
            }
            else
            {
                json.WriteString("transaction", issue.Transaction);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
