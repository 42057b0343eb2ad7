using DelTran.Core.Iso20022;
using DelTran.Core.Validation;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Ingest;

/// <summary>Validators over the participants currently registered (not suspended ones) and the configured rulebook.</summary>
public sealed class MessageValidatorFactory(Func<DelTranDbContext> dbFactory, IOptions<DelTranOptions> options)
{
    public async Task<MessageValidator> CreateAsync(CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = dbFactory();
        List<string> bics = await db.Participants.AsNoTracking().Where(p => !p.Suspended).Select(p => p.Bic).ToListAsync(cancellationToken);
        var directory = new ParticipantDirectory(bics.Select(Bic.Parse));
        var performance = new ValidationPerformance { Workers = Environment.ProcessorCount };
        return new MessageValidator(UsageGuidelineSchemas.Compiled, options.Value.ToRulebook(), directory, performance);
    }

    /// <summary>How long validating a file of <paramref name="bytes"/> bytes may take before the watchdog refuses it.</summary>
    public TimeSpan WatchdogFor(long bytes) => options.Value.Rulebook.WatchdogFor(bytes);
}
