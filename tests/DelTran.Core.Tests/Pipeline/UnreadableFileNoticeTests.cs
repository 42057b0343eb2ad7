using DelTran.Core.Pipeline;

namespace DelTran.Core.Tests.Pipeline;

public sealed class UnreadableFileNoticeTests
{
    private static readonly ReceivedFile File = new("batch-7.xml", 42, "ab12", new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.FromHours(4)));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("MSG-1", false)]
    public void Applies_OnlyWhenThereIsNoMessageIdToQuote(string? messageId, bool applies) =>
        Assert.Equal(applies, UnreadableFileNotice.Applies(messageId));

    [Fact]
    public void Compose_NamesTheFileAndEveryReasonWithItsCode()
    {
        string notice = UnreadableFileNotice.Compose(File, "FF01 /: The file is not well-formed XML.\nFF01 /Document: A DTD is not allowed.");

        Assert.Contains("File:      batch-7.xml\n", notice, StringComparison.Ordinal);
        Assert.Contains("Received:  2026-12-07T05:30:00Z\n", notice, StringComparison.Ordinal);
        Assert.Contains("SHA-256:   ab12\n", notice, StringComparison.Ordinal);
        Assert.Contains("  FF01 /: The file is not well-formed XML.\n  FF01 /Document: A DTD is not allowed.\n", notice, StringComparison.Ordinal);
        Assert.Equal(notice, UnreadableFileNotice.Compose(File, "FF01 /: The file is not well-formed XML.\nFF01 /Document: A DTD is not allowed."));
    }

    [Fact]
    public void Compose_GivesFF01_WhenNoReasonWasStored()
    {
        Assert.Contains("  FF01 /: The file is not a readable message.\n", UnreadableFileNotice.Compose(File, null), StringComparison.Ordinal);
    }
}
