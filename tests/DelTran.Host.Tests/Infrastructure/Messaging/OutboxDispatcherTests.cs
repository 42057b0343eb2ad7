using System.Reflection;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Infrastructure.Messaging;

/// <summary>
/// The outbox dispatcher against a broker that takes a publish and never confirms it, as RabbitMQ's client did on a
/// channel that died in a broker restart (CI, 2026-12-07: 8,000 of 20,000 transactions stalled behind 10 such rows).
/// </summary>
public sealed class OutboxDispatcherTests
{
    [Fact]
    public async Task DispatchOnce_GivesUpOnABatchTheBrokerNeverConfirms_AndPublishesItAgainOnTheNextTurn()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        var clock = new ObservedClock();
        var broker = ScriptedBroker.Create();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDelTranPipeline(PipelineHost.Settings(PipelineHost.BaseSettings()).Build(), new StorageSettings(database.ConnectionString, TestServers.RabbitMqUri.ToString(), "unused"));
        services.AddSingleton<TimeProvider>(clock);
        services.AddScoped<IPublishEndpoint>(_ => broker.Endpoint);
        await using ServiceProvider provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        Func<DelTranDbContext> newDb = provider.GetRequiredService<Func<DelTranDbContext>>();
        await using (DelTranDbContext db = newDb())
        {
            for (int i = 0; i < 3; i++)
            {
                Outbox.Add(db, new CompleteMessage(Guid.CreateVersion7(), Guid.CreateVersion7()), clock.GetUtcNow());
            }

            await db.SaveChangesAsync();
        }

        OutboxDispatcher dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(provider);
        TimeSpan timeout = provider.GetRequiredService<IOptions<OutboxOptions>>().Value.PublishTimeout;

        // The broker takes every publish and answers none.
        broker.Confirms = false;
        Task<int> stalled = dispatcher.DispatchOnceAsync(CancellationToken.None);
        await clock.WaitForTimerAsync(0, due => due == timeout, "the dispatcher waiting for the broker's confirms", orUntil: () => stalled.IsCompleted);
        Assert.Equal(3, broker.Published);
        Assert.False(stalled.IsCompleted, "the batch finished although the broker confirmed nothing");
        clock.Advance(timeout);
        TimeoutException refused = await Assert.ThrowsAsync<TimeoutException>(() => stalled);
        Assert.Contains("stay undispatched", refused.Message, StringComparison.Ordinal);
        Assert.True(broker.AllCancelled, "the abandoned publishes were left waiting");
        await using (DelTranDbContext db = newDb())
        {
            Assert.Equal(3, await db.Outbox.CountAsync(o => o.DispatchedAt == null && o.Attempts == 0));
        }

        // The rows were not left locked: the next turn takes them, and a broker that answers gets them again.
        broker.Confirms = true;
        Assert.Equal(3, await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(6, broker.Published);
        await using (DelTranDbContext db = newDb())
        {
            Assert.Equal(0, await db.Outbox.CountAsync(o => o.DispatchedAt == null));
        }
    }

    [Theory]
    [InlineData("BatchSize", "0")]
    [InlineData("PollInterval", "00:00:00")]
    [InlineData("MaxBackoff", "00:00:00.010")]
    [InlineData("PublishTimeout", "-00:00:01")]
    public void Options_AreRefusedAtStart_WhenASettingCannotWork(string key, string value)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings[$"{OutboxOptions.Section}:{key}"] = value;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDelTranPipeline(PipelineHost.Settings(settings).Build(), new StorageSettings(null, null, Path.Combine(Path.GetTempPath(), "unused.db")));
        using ServiceProvider provider = services.BuildServiceProvider();
        OptionsValidationException refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OutboxOptions>>().Value);
        Assert.Contains("DelTran:Outbox is invalid", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A publish endpoint that counts publishes and either confirms them at once or never (until cancelled).</summary>
    public class ScriptedBroker : DispatchProxy
    {
        private readonly List<(Task Publish, CancellationToken Token)> _publishes = [];

        public bool Confirms { get; set; }

        public IPublishEndpoint Endpoint { get; private set; } = null!;

        public int Published
        {
            get
            {
                lock (_publishes)
                {
                    return _publishes.Count;
                }
            }
        }

        public bool AllCancelled
        {
            get
            {
                lock (_publishes)
                {
                    return _publishes.All(p => p.Publish.IsCanceled);
                }
            }
        }

        public static ScriptedBroker Create()
        {
            IPublishEndpoint endpoint = Create<IPublishEndpoint, ScriptedBroker>();
            var broker = (ScriptedBroker)(object)endpoint;
            broker.Endpoint = endpoint;
            return broker;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is not { Name: "Publish" } || args is not [_, Type, CancellationToken token])
            {
                throw new NotSupportedException($"The dispatcher was not expected to call {targetMethod?.Name}.");
            }

            Task publish = Confirms ? Task.CompletedTask : Task.Delay(Timeout.Infinite, token);
            lock (_publishes)
            {
                _publishes.Add((publish, token));
            }

            return publish;
        }
    }
}
