namespace DelTran.Core.Tests.Support.Mutation;

/// <summary>
/// Boundary and hostile values put in place of an element's text or an attribute's value. Each is raw markup
/// written into the file as it stands, so some make the file malformed on purpose (a raw NUL, <c>]]&gt;</c>, a
/// stray <c>&lt;</c>), and escaped ones reach the validator as text.
/// </summary>
public static class HostileValues
{
    public static IReadOnlyList<string> All { get; } =
    [
        // Empty, blank and long.
        "", " ", "\t \r\n", new string(' ', 10_000), new string('A', 10_000), new string('9', 10_000), string.Concat(Enumerable.Repeat("&amp;", 2_000)),
        // Control, format and non-BMP characters.
        "\u0000", "\u0001", "\u0008", "\u001B[31m", "\u007F", "\u0085", "\u00A0", "\u200B", "\u202E", "\uFEFF", "\uFFFE", "\uFFFF",
        "\uD83D\uDE00", "\U0010FFFD", "\uD835\uDD18\uD835\uDD08", "\uD800", "A\u0301", "\u0661\u0662\u0663", "\uFF11\uFF12\uFF13",
        // Markup, escaped and not.
        "]]>", "<![CDATA[SRCBINBBXXX]]>", "<![CDATA[]]>", "<![CDATA[</Document>]]>", "&amp;lt;Nm&amp;gt;x&amp;lt;/Nm&amp;gt;", "&lt;Document/&gt;",
        "&#0;", "&#x1;", "&#65;", "&#x1F600;", "&#xD800;", "&#1114112;", "&nbsp;", "&unknown;", "&", "<", "<x/>", "</Nm>", "<!-- -->", "<?pi x?>",
        "\"", "'", "\" x=\"1", "' onload='1",
        // Numbers.
        "0", "-0", "-1", "-0.01", "+1", "1E3", "1e-3", "1.5E+308", "NaN", "INF", "-INF", "Infinity", "0x10", "1,000.00", "1 000", "1.", ".5",
        "00000000000000000001", "99999999999999999999999999999999999999", "79228162514264337593543950335", "79228162514264337593543950336",
        "-79228162514264337593543950336", "0.0000000000000000000000000001", "0.00000000000000000000000000001", "1.1234567890123456789012345678901",
        "100.001", "999999999999999999.99", "2147483648", "-2147483649", "9223372036854775808",
        // Dates and times.
        "0000-00-00", "9999-12-31", "0001-01-01", "2026-02-29", "2024-02-29", "2026-13-01", "2026-12-32", "10000-01-01", "-2026-12-01",
        "2026-12-01Z", "2026-12-01+14:00", "2026-12-01-14:00", "2026-12-01T00:00:00", "2026-12-01T24:00:00Z", "2026-12-01T23:59:60Z",
        "9999-12-31T23:59:59.9999999+14:00", "0001-01-01T00:00:00-14:00", "2026-12-01T09:00:00.12345678901234567890Z", "2026-W49",
        // Codes and identifiers.
        "XXX", "inr", "INR ", "ZZZ", "SRCBINBBXXX", "SRCBINBB", "srcbinbb", "SRCBINBBXX", "AAAAAAAAAAAA", "GB00", "GB82WEST12345698765432",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff", "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
        // Injection-shaped text.
        "' OR '1'='1", "${jndi:ldap://x}", "%s%s%n", "../../etc/passwd", "\\", "{0}", "=cmd|' /C calc'!A0",
    ];
}
