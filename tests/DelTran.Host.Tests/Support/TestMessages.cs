using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DelTran.Core.Tests.Support;

namespace DelTran.Host.Tests.Support;

/// <summary>Messages and pacs.002 reading for the HTTP, scaling and outage tests.</summary>
public static class TestMessages
{
    public static readonly XNamespace Pacs002 = "urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10";

    /// <summary>A fresh version-4 UETR.</summary>
    public static string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "a" + g[20..] : "";

    /// <summary>A valid pacs.008 from SRCBINBB (INR to EPRLAEAD) with <paramref name="count"/> transactions of 1.00, each with its own UETR.</summary>
    public static byte[] Pacs008(string msgId, int count, string instructingAgent = "SRCBINBBXXX")
    {
        var builder = new Pacs008Builder { MessageId = msgId, InstructingAgent = instructingAgent };
        for (int i = 0; i < count; i++)
        {
            int n = i;
            builder.Add(tx =>
            {
                tx.EndToEndId = "E2E-" + n.ToString("D6", CultureInfo.InvariantCulture);
                tx.Uetr = Uetr();
                tx.Amount = "1.00";
                tx.DebtorAgent = instructingAgent;
            });
        }

        return Encoding.UTF8.GetBytes(builder.Build());
    }

    public static string UniqueMsgId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The sample the README uses for the HTTP drop: one INR payment from SRCBINBB to EPRLAEAD.</summary>
    public static string SamplePath => Path.Combine(RepoPaths.SampleMessages, "pacs.008.001.08", "valid", "single-inr-in-to-ae.xml");

    /// <summary>Schema errors (not warnings) of a pacs.002 against the published base schema pacs.002.001.10.</summary>
    public static List<string> Pacs002SchemaErrors(string xml) => SchemaErrors(xml, "pacs.002.001.10");

    /// <summary>Errors of a document against the published base schema of its message (e.g. camt.053.001.08).</summary>
    public static List<string> SchemaErrors(string xml, string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return RepoPaths.SchemaErrors(stream, RepoPaths.BaseSchema(message))
            .Where(e => !e.StartsWith("Warning", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>OrgnlGrpInfAndSts/GrpSts, or null when the report has none.</summary>
    public static string? GroupStatus(XDocument report) =>
        report.Descendants(Pacs002 + "OrgnlGrpInfAndSts").Elements(Pacs002 + "GrpSts").Select(e => e.Value).FirstOrDefault();

    /// <summary>The reason codes given for the whole message (OrgnlGrpInfAndSts/StsRsnInf/Rsn/Cd).</summary>
    public static List<string> GroupReasonCodes(XDocument report) =>
        report.Descendants(Pacs002 + "OrgnlGrpInfAndSts").Elements(Pacs002 + "StsRsnInf")
            .Elements(Pacs002 + "Rsn").Elements(Pacs002 + "Cd").Select(e => e.Value).ToList();

    /// <summary>TxInfAndSts entries as (OrgnlEndToEndId, TxSts).</summary>
    public static List<(string EndToEndId, string Status)> TransactionStatuses(XDocument report) =>
        report.Descendants(Pacs002 + "TxInfAndSts")
            .Select(t => ((string?)t.Element(Pacs002 + "OrgnlEndToEndId") ?? "", (string?)t.Element(Pacs002 + "TxSts") ?? ""))
            .ToList();
}
