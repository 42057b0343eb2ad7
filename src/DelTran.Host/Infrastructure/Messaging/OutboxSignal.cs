namespace DelTran.Host.Infrastructure.Messaging;

/// <summary>Wakes the dispatcher as soon as this process commits outbox rows; other instances' rows are found by polling.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Dispose() => _signal.Dispose();

    public void Notify() => _signal.Release();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
