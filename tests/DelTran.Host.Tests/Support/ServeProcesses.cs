namespace DelTran.Host.Tests.Support;

/// <summary>The `deltran serve` processes a test starts, killed and disposed together (the last started first) when it ends.</summary>
public sealed class ServeProcesses : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly List<ServeProcess> _started = [];

    public ServeProcesses(Dictionary<string, string> environment) => _environment = environment;

    /// <summary>Starts `serve` on the test's environment and waits until it is ready.</summary>
    public async Task<ServeProcess> StartAsync(string name)
    {
        ServeProcess process = ServeProcess.Start(name, _environment);
        _started.Add(process);
        await process.WaitForReadyAsync(TimeSpan.FromMinutes(2));
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }
    }
}
