using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DelTran.Host.Api;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// `deltran` started as the image's entry point starts it (issue 15, item 8): no Docker engine runs here, so the test
/// starts the built executable with exactly `serve` (no --urls, no --data) and the image's and compose file's
/// environment. It must listen on every interface (127.0.0.2 reaches it; a bind to 127.0.0.1 alone refuses that),
/// keep its data and reports in DelTran:DataDirectory while running as an unprivileged user that owns only that folder
/// (<see cref="AppUser"/>), and refuse to start in Production with a demo key.
/// </summary>
public sealed class ContainerStartTests
{
    [Fact]
    public async Task Serve_AsTheImageStartsIt_ListensOnEveryInterface_AndWritesItsReportsInTheDataDirectory()
    {
        string data = Directory.CreateTempSubdirectory("deltran-image-data-").FullName;
        try
        {
            int port = FreePort();
            await using MockBankServer bank = await MockBankServer.StartAsync();
            Dictionary<string, string> environment = ImageEnvironment(port, data, "Development");
            environment["DelTran__Banks__BaseUrl"] = bank.BaseAddress.ToString();

            // As the image runs it: an unprivileged user that owns only its data volume.
            AppUser.Ensure();
            AppUser.Own(data);
            await using ServeProcess serve = ServeProcess.Start("image", environment, ["serve"], asAppUser: true);
            await serve.WaitForReadyAsync(TimeSpan.FromSeconds(90));
            Assert.NotEqual(0, AppUser.UserOf(serve.ProcessId));

            // Through an address other than 127.0.0.1: only a bind to every interface answers there.
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.2:{port}") };
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, "demo-operator-key");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

            using (HttpResponseMessage closed = await client.PostAsync(new Uri("/api/v1/windows/INR/close", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.Accepted, closed.StatusCode);
            }

            await Eventually.HoldsAsync(
                () => client.GetFromJsonAsync<JsonElement>("/api/v1/windows/INR-000001").GetAwaiter().GetResult().GetProperty("window").GetProperty("state").GetString() == "SETTLED",
                "the closed window settled");
            await Eventually.HoldsAsync(
                () => Directory.Exists(Path.Combine(data, "reports")) && Directory.EnumerateFiles(Path.Combine(data, "reports"), "manifest.json", SearchOption.AllDirectories).Any(f => !f.Contains(".partial", StringComparison.Ordinal)),
                $"the window's audit pack written under the data directory {data}");
            Assert.True(File.Exists(Path.Combine(data, "deltran.db")) || Directory.EnumerateFiles(data, "*.db", SearchOption.AllDirectories).Any(), "the embedded database is not in the data directory");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_InProduction_RefusesToStartWithADemoKey()
    {
        string data = Directory.CreateTempSubdirectory("deltran-image-data-").FullName;
        try
        {
            await using ServeProcess serve = ServeProcess.Start("production", ImageEnvironment(FreePort(), data, "Production"), ["serve"]);

            Assert.Equal(2, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("cannot start: the environment is Production and participant SRCBINBB", serve.Output, StringComparison.Ordinal);
            Assert.Contains("operator ops", serve.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The Dockerfile's ENV with the compose file's additions, on a port of the test's.</summary>
    private static Dictionary<string, string> ImageEnvironment(int port, string data, string environment) => new()
    {
        ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DOTNET_ENVIRONMENT"] = environment,
        ["DelTran__DataDirectory"] = data,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
