namespace DelTran.Core.Pipeline;

/// <summary>The command ingest sends once the message is recorded.</summary>
public enum IngestNextCommand
{
    /// <summary>One ScreenTransactions per stage batch of the VALIDATED transactions.</summary>
    ScreenEachStageBatch,

    /// <summary>CompleteMessage: nothing goes on to the stages, so the message can be answered now.</summary>
    CompleteMessage,
}
