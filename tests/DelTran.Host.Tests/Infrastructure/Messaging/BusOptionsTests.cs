using DelTran.Host.Infrastructure.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Infrastructure.Messaging;

/// <summary>The bus prefix is bound and checked while the bus is composed, not read raw (issue 16, item 5).</summary>
public sealed class BusOptionsTests
{
    [Fact]
    public void From_DefaultsToDeltran_WhenTheSectionIsAbsent()
    {
        Assert.Equal("deltran", BusOptions.From(new ConfigurationBuilder().Build()).EndpointPrefix);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("1starts-with-a-digit")]
    [InlineData("has space")]
    [InlineData("a-prefix-much-longer-than-forty-characters-in-all")]
    public void From_RefusesAPrefixThatCannotNameQueues(string prefix)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DelTran:Bus:EndpointPrefix"] = prefix }).Build();

        OptionsValidationException refused = Assert.Throws<OptionsValidationException>(() => BusOptions.From(configuration));

        Assert.Contains("DelTran:Bus:EndpointPrefix", refused.Message, StringComparison.Ordinal);
    }
}
