using System.Collections.Concurrent;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Checks.Risk;

/// <summary>A breaker's trip is recorded and published on the bus, from the outbox row written with its record.</summary>
public sealed class BreakerEventTests
{
    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task ATrip_IsPublishedAsAnEvent_WithItsRecord(PipelineMode mode)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Risk:Breakers:Participant:MinimumVolume"] = "2";
        settings["DelTran:Risk:Breakers:Participant:RejectRateThreshold"] = "0.5";
        await using PipelineHost host = await PipelineHost.StartAsync(mode, settings);
        var received = new ConcurrentQueue<CircuitBreakerChanged>();
        HostReceiveEndpointHandle subscriber = host.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(
            new TemporaryEndpointDefinition(),
            null,
            endpoint => endpoint.Handler<CircuitBreakerChanged>(context =>
            {
                received.Enqueue(context.Message);
                return Task.CompletedTask;
            }));
        await subscriber.Ready;
        try
        {
            string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "a" + g[20..] : "";
            var builder = new Pacs008Builder { MessageId = "BRK-" + Guid.NewGuid().ToString("N")[..12] };
            for (int i = 0; i < 3; i++)
            {
                // Above the demo maximum per transaction in INR: each is refused by risk.
                builder.Add(tx => { tx.Uetr = Uetr(); tx.Amount = "200000000.00"; });
            }

            await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));

            await using DelTranDbContext db = host.Db();
            BreakerEventRow trip = Assert.Single(await db.BreakerEvents.AsNoTracking().ToListAsync());
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (received.IsEmpty && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            CircuitBreakerChanged published = Assert.Single(received);
            Assert.Equal(
                (trip.Subject.ToString(), trip.Transition.ToString(), trip.FromState.ToString(), trip.ToState.ToString(), trip.Cause.ToString(), trip.Explanation),
                (published.Subject, published.Transition, published.FromState, published.ToState, published.Cause, published.Explanation));
            Assert.Equal("participant SRCBINBB", published.Subject);
            Assert.Equal("Open", published.ToState);
        }
        finally
        {
            await subscriber.StopAsync();
        }
    }
}
