using System.Text;
using System.Text.RegularExpressions;
using DelTran.Core.Clearing;
using DelTran.Core.Tests.Support;
using DelTran.Host.Clearing;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Files;
using DelTran.Host.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DelTran.Host.Tests.Clearing.WindowReports;

/// <summary>
/// What an auditor reads in a real window's pack (issue 15, item 6), checked on the files as written: every reject
/// carries its amount and currency whichever path refused it, every BIC is in upper case, and a row's several reasons
/// read as one line. The rejects come through the real pipeline, so each refusal path fills its own rows.
/// </summary>
public sealed partial class AuditPackOutputsTests
{
    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task AuditPack_GivesEveryRejectItsAmountCurrencyUpperCaseBicsAndReadableReasons_WhenRefusedOnAnyPath(PipelineMode mode)
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(mode);
        PipelineHost pipeline = harness.Pipeline;
        string acceptedUetr = Support.TestMessages.Uetr();

        // One accepted payment: the window needs an obligation, and the duplicate below repeats its UETR.
        var accepted = new Pacs008Builder { MessageId = Support.TestMessages.UniqueMsgId("ONE") };
        accepted.Add(tx => { tx.EndToEndId = "ACCEPTED"; tx.Uetr = acceptedUetr; tx.Amount = "1000.00"; });
        await CompleteAsync(pipeline, accepted);

        // Refused by validation, transaction by transaction: one with two findings (a lower-case BIC and three decimals),
        // one whose amount is no number at all, beside a valid one (which a schema finding may refuse with the message).
        var mixed = new Pacs008Builder { MessageId = Support.TestMessages.UniqueMsgId("MIX") };
        mixed.Add(tx => { tx.EndToEndId = "BESIDE"; tx.Uetr = Support.TestMessages.Uetr(); tx.Amount = "10.00"; });
        mixed.Add(tx => { tx.EndToEndId = "TWO-FINDINGS"; tx.Uetr = Support.TestMessages.Uetr(); tx.Amount = "1500.125"; tx.CreditorAgent = "eprlaeadxxx"; });
        mixed.Add(tx => { tx.EndToEndId = "NO-NUMBER"; tx.Uetr = Support.TestMessages.Uetr(); tx.Amount = "abc"; });
        await CompleteAsync(pipeline, mixed);

        // Refused as a whole message (NbOfTxs wrong): its transaction was valid on its own.
        var wholeMessage = new Pacs008Builder { MessageId = Support.TestMessages.UniqueMsgId("AM18"), NumberOfTransactions = "3" };
        wholeMessage.Add(tx => { tx.EndToEndId = "MESSAGE-LEVEL"; tx.Uetr = Support.TestMessages.Uetr(); tx.Amount = "700.00"; });
        await CompleteAsync(pipeline, wholeMessage);

        // Refused as a duplicate (the accepted payment's UETR again), and by the risk stage (beyond the net debit cap).
        var repeat = new Pacs008Builder { MessageId = Support.TestMessages.UniqueMsgId("DUPL") };
        repeat.Add(tx => { tx.EndToEndId = "DUPLICATE"; tx.Uetr = acceptedUetr; tx.Amount = "1000.00"; });
        await CompleteAsync(pipeline, repeat);
        var tooLarge = new Pacs008Builder { MessageId = Support.TestMessages.UniqueMsgId("CAP") };
        tooLarge.Add(tx => { tx.EndToEndId = "BEYOND-CAP"; tx.Uetr = Support.TestMessages.Uetr(); tx.Amount = "900000000.00"; });
        await CompleteAsync(pipeline, tooLarge);

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "audit outputs"), CancellationToken.None);
        string audit = Path.Combine(harness.ReportsRoot, result.WindowId!, WindowReporter.AuditFolder);

        Table csv = ReadCsv(Path.Combine(audit, AuditPackManifest.Rejects));
        Table sheet = ReadSheet(Path.Combine(audit, AuditPackManifest.Workbook), AuditPackWriter.RejectsSheet);
        foreach (Table rejects in new[] { csv, sheet })
        {
            string Field(string endToEndId, string column) => rejects.Row(endToEndId)[rejects.Column(column)];

            Assert.Superset(
                new HashSet<string>(["TWO-FINDINGS", "NO-NUMBER", "MESSAGE-LEVEL", "DUPLICATE", "BEYOND-CAP"]),
                new HashSet<string>(rejects.Rows.Select(r => r[rejects.Column(rejects.EndToEndId)])));
            foreach (string[] row in rejects.Rows)
            {
                string endToEndId = row[rejects.Column(rejects.EndToEndId)];
                Assert.Equal("INR", Field(endToEndId, rejects.Currency));

                // Every transaction-level reject carries its amount; only an amount that reads as no number is left out,
                // and then the reasons quote what was sent.
                if (endToEndId == "NO-NUMBER")
                {
                    Assert.Equal(string.Empty, Field(endToEndId, rejects.Amount));
                    Assert.Contains("'abc'", Field(endToEndId, rejects.Reasons), StringComparison.Ordinal);
                }
                else
                {
                    Assert.NotEqual(string.Empty, Field(endToEndId, rejects.Amount));
                }

                foreach (string bic in new[] { rejects.Debtor, rejects.Creditor }.Select(c => Field(endToEndId, c)))
                {
                    Assert.Equal(bic.ToUpperInvariant(), bic);
                }

                // One reason or several, always "CODE: text; CODE: text" on one line.
                Assert.Matches(ReadableReasons(), Field(endToEndId, rejects.Reasons));
            }

            Assert.Equal(1500.125m, decimal.Parse(Field("TWO-FINDINGS", rejects.Amount), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(900000000.00m, decimal.Parse(Field("BEYOND-CAP", rejects.Amount), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("EPRLAEADXXX", Field("TWO-FINDINGS", rejects.Creditor));
            string twoFindings = Field("TWO-FINDINGS", rejects.Reasons);
            Assert.Contains("RC01: ", twoFindings, StringComparison.Ordinal);
            Assert.Contains("; AM12: Amount 1500.125 has 3 decimals, INR allows 2.", twoFindings, StringComparison.Ordinal);
        }

        // The sheet holds what the CSV holds, cell for cell.
        Assert.Equal(csv.Rows.Select(r => r[csv.Column(csv.Reasons)]).Order(StringComparer.Ordinal), sheet.Rows.Select(r => r[sheet.Column(sheet.Reasons)]).Order(StringComparer.Ordinal));

        // Every other BIC of the pack too: obligations, net positions, settlement instructions, in the CSVs and the sheets.
        foreach ((string file, string sheetName, string[] columns) in new[]
        {
            (AuditPackManifest.Obligations, AuditPackWriter.ObligationsSheet, new[] { "debtor", "creditor" }),
            (AuditPackManifest.NetPositions, AuditPackWriter.NetPositionsSheet, new[] { "participant" }),
            (AuditPackManifest.Settlements, AuditPackWriter.SettlementSheet, new[] { "participant" }),
        })
        {
            foreach (Table table in new[] { ReadCsv(Path.Combine(audit, file)), ReadSheet(Path.Combine(audit, AuditPackManifest.Workbook), sheetName) })
            {
                Assert.NotEmpty(table.Rows);
                Assert.All(table.Rows, row => Assert.All(columns, c => Assert.Matches("^[A-Z0-9]{8}([A-Z0-9]{3})?$", row[table.Column(table.Words ? DetailSheetWriter.HeaderWords(c) : c)])));
            }
        }
    }

    [GeneratedRegex(@"^[A-Z0-9]{4}(: [^;\r\n]+)?(; [A-Z0-9]{4}(: [^;\r\n]+)?)*$")]
    private static partial Regex ReadableReasons();

    private static async Task CompleteAsync(PipelineHost pipeline, Pacs008Builder message)
    {
        Guid file = await pipeline.SubmitAsync("SRCBINBB", message.Build());
        await pipeline.WaitForCompletionAsync(file);
    }

    /// <summary>A table as read from a CSV (snake_case headers) or a detail sheet (headers in words).</summary>
    internal sealed record Table(string[] Headers, List<string[]> Rows, bool Words)
    {
        public string EndToEndId => Name("end_to_end_id");

        public string Currency => Name("currency");

        public string Amount => Name("amount");

        public string Debtor => Name("debtor");

        public string Creditor => Name("creditor");

        public string Reasons => Name("reasons");

        public int Column(string header)
        {
            int index = Array.IndexOf(Headers, header);
            Assert.True(index >= 0, $"no column {header} in {string.Join(", ", Headers)}");
            return index;
        }

        public string[] Row(string endToEndId) => Rows.Single(r => r[Column(EndToEndId)] == endToEndId);

        private string Name(string header) => Words ? DetailSheetWriter.HeaderWords(header) : header;
    }

    /// <summary>An RFC 4180 CSV as written by the pack (CRLF, quoted fields with doubled quotes).</summary>
    internal static Table ReadCsv(string path)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        string text = File.ReadAllText(path, Encoding.UTF8);
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return new Table(records[0], records.Skip(1).ToList(), Words: false);
    }

    /// <summary>A detail sheet of the workbook (and its continuations, if any) as text: an empty cell is "".</summary>
    internal static Table ReadSheet(string workbookPath, string sheetName)
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(workbookPath, false);
        Row[] rows = AuditPackWriterTests.Rows(document.WorkbookPart!, sheetName);
        string[] headers = [.. rows[0].Elements<Cell>().Select(Text)];
        List<string[]> body = [.. rows.Skip(1).Select(row =>
        {
            string[] values = [.. Enumerable.Repeat(string.Empty, headers.Length)];
            foreach (Cell cell in row.Elements<Cell>())
            {
                string letters = new([.. cell.CellReference!.Value!.TakeWhile(char.IsAsciiLetter)]);
                values[letters.Aggregate(0, (n, l) => (n * 26) + l - 'A' + 1) - 1] = Text(cell);
            }

            return values;
        })];
        return new Table(headers, body, Words: true);
    }

    private static string Text(Cell cell) => cell.InlineString?.Text?.Text ?? cell.CellValue?.Text ?? string.Empty;
}
