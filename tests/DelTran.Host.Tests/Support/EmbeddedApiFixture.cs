namespace DelTran.Host.Tests.Support;

/// <summary>One `deltran serve` on the embedded default, shared by the tests of a class (each uses its own messages).</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync(PipelineMode.Embedded);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
