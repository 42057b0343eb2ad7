using System.Text;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>
/// The names of a window's report files, and whose they are. A participant's own files carry its BIC8 first:
/// pacs002/&lt;sender BIC8&gt;-&lt;original MsgId&gt;.xml (the ACSC report of a message it sent) and
/// camt053/&lt;BIC8&gt;-&lt;currency&gt;.xml (its statement) and, when the statement's transactions are too many to
/// list in it, camt053/&lt;BIC8&gt;-&lt;currency&gt;.transactions.csv. The audit pack is the operators' and auditors'.
/// </summary>
public static class WindowReportNames
{
    /// <summary>The settled pacs.002 of a message, named after the message its sender knows.</summary>
    public static string StatusReport(string senderBic8, string? msgId, Guid messageId) =>
        $"{senderBic8[..Math.Min(8, senderBic8.Length)]}-{(string.IsNullOrWhiteSpace(msgId) ? messageId.ToString("N") : Safe(msgId))}.xml";

    public static string Statement(string bic8, string currency) => $"{bic8}-{currency}.xml";

    /// <summary>
    /// The detail file of a statement whose settlement entry books more transactions than it lists: beside it, named
    /// after it, so it is the same participant's (<see cref="OwnerOf"/>) and is delivered with it.
    /// </summary>
    public static string StatementTransactions(string bic8, string currency) => $"{bic8}-{currency}.transactions.csv";

    /// <summary>
    /// The participant (BIC8) a file of a window belongs to, given its path inside the window's folder
    /// ("camt053/SRCBINBB-INR.xml"); null for the audit pack and anything else.
    /// </summary>
    public static string? OwnerOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string[] parts = relativePath.Replace('\\', '/').Split('/');
        if (parts is not [WindowReporter.StatusReportsFolder or WindowReporter.StatementsFolder, string name] || name.Length < 10 || name[8] != '-')
        {
            return null;
        }

        string bic8 = name[..8];
        return bic8.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) ? bic8 : null;
    }

    // A MsgId is any Max35Text: in a file name, everything but letters, digits, '.', '_' and '-' becomes '_'.
    private static string Safe(string msgId)
    {
        var name = new StringBuilder(msgId.Length);
        foreach (char c in msgId.Trim())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return name.ToString();
    }
}
