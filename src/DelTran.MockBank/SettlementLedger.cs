using System.Collections.Concurrent;

namespace DelTran.MockBank;

/// <summary>The mock bank's books: booked instructions and the answer stored under each idempotency key. Thread safe.</summary>
public sealed class SettlementLedger
{
    private readonly TimeProvider timeProvider;
    private readonly BooksFile? _file;

    private readonly Lock _gate = new();
    private readonly List<BookedSettlement> _booked = [];
    private readonly Dictionary<string, (SettlementInstruction Instruction, SettlementConfirmation Confirmation)> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _keyLocks = new(StringComparer.Ordinal);

    public SettlementLedger(TimeProvider timeProvider, BooksFile? file = null)
    {
        this.timeProvider = timeProvider;
        _file = file;
        foreach (StoredBooking stored in file?.Read() ?? [])
        {
            Add(stored.IdempotencyKey, stored.Instruction, stored.Confirmation);
        }
    }

    /// <summary>
    /// Serialises the requests that carry one key, so a retry that arrives while the first attempt is still in
    /// flight (slow, or hanging) waits for it and then sees what it booked, instead of booking a second time.
    /// </summary>
    public async Task<IDisposable> LockKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        SemaphoreSlim semaphore = _keyLocks.GetOrAdd(idempotencyKey, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return new Releaser(semaphore);
    }

    /// <summary>Books the instruction once per key; the same key and body replays the stored answer.</summary>
    public BookingOutcome Book(string idempotencyKey, SettlementInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        lock (_gate)
        {
            if (_byKey.TryGetValue(idempotencyKey, out var stored))
            {
                return stored.Instruction == instruction
                    ? new BookingOutcome(BookingKind.Replayed, stored.Confirmation)
                    : new BookingOutcome(BookingKind.KeyReused, null);
            }

            var confirmation = new SettlementConfirmation(
                instruction.InstructionId!,
                $"MBC-{Guid.NewGuid():N}".ToUpperInvariant(),
                "CONFIRMED",
                timeProvider.GetUtcNow());
            _file?.Append(new StoredBooking(idempotencyKey, instruction, confirmation));
            Add(idempotencyKey, instruction, confirmation);
            return new BookingOutcome(BookingKind.Booked, confirmation);
        }
    }

    private void Add(string idempotencyKey, SettlementInstruction instruction, SettlementConfirmation confirmation)
    {
        _byKey.Add(idempotencyKey, (instruction, confirmation));
        _booked.Add(new BookedSettlement(
            idempotencyKey,
            instruction.InstructionId!,
            instruction.WindowId!,
            instruction.Participant!,
            instruction.Currency!,
            instruction.Amount,
            instruction.Direction!,
            instruction.ReversalOf,
            confirmation.ConfirmationId,
            confirmation.BookedAt));
    }

    /// <summary>The stored answer under a key, or null when nothing was booked under it.</summary>
    public SettlementConfirmation? Find(string idempotencyKey)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(idempotencyKey, out var stored) ? stored.Confirmation : null;
        }
    }

    /// <summary>DelTran's token reserve in <paramref name="currency"/> as these books hold it: bookings under <paramref name="reference"/>.</summary>
    public ReserveStatement Reserve(string currency, string reference)
    {
        lock (_gate)
        {
            var bookings = _booked.Where(b => b.WindowId == reference && b.Currency == currency).ToList();
            return new ReserveStatement(currency, bookings.Sum(b => b.Direction == "DEBIT" ? b.Amount : -b.Amount), bookings.Count, timeProvider.GetUtcNow());
        }
    }

    public IReadOnlyList<BookedSettlement> Booked()
    {
        lock (_gate)
        {
            return [.. _booked];
        }
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
