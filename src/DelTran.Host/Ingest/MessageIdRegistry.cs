using DelTran.Core.Iso20022;
using DelTran.Core.Validation;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Ingest;

/// <summary>
/// AM05 against the database. Repeats within the file are the validator's own check; UETRs of earlier files are
/// found when the loaded rows are registered in the database, so nothing else is remembered here.
/// </summary>
internal sealed class MessageIdRegistry(Func<DelTranDbContext> dbFactory, Guid currentMessage) : IDuplicateRegistry
{
    public bool RemembersTransactions => false;

    public bool IsKnownMessage(string sender, string messageId)
    {
        // Its own context: the consumer's is busy loading rows on another thread.
        using DelTranDbContext db = dbFactory();
        return db.Messages.AsNoTracking().Any(m => m.SenderBic == sender && m.MsgId == messageId && !m.DuplicateMsgId && m.Id != currentMessage);
    }

    public bool IsKnownUetr(Uetr uetr) => false;

    public bool IsKnownEndToEndId(string debtorAgentInstitution, string endToEndId) => false;

    public void RecordMessage(string sender, string messageId)
    {
    }

    public void RecordTransaction(Uetr? uetr, EndToEndKey endToEnd)
    {
    }
}
