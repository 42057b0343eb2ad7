using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Infrastructure.Messaging;

/// <summary>
/// The "DelTran:Bus" section. Instances that share <see cref="EndpointPrefix"/> compete for the same queues (scale-out);
/// the prefix also names the message exchanges, so another prefix is another installation, even on the same broker
/// and vhost. Needed while the bus is composed, so it is bound and checked then, not read raw.
/// </summary>
public sealed partial class BusOptions
{
    public const string Section = "DelTran:Bus";

    public string EndpointPrefix { get; set; } = "deltran";

    /// <summary>What is wrong with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems() =>
        EndpointPrefixShape().IsMatch(EndpointPrefix ?? string.Empty)
            ? []
            : [$"{Section}:EndpointPrefix '{EndpointPrefix}' must be 1 to 40 lower-case letters, digits and dashes, starting with a letter: it names queues and exchanges."];

    /// <summary>The section bound and checked, for composing the bus; refused with the problems when invalid.</summary>
    public static BusOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        BusOptions options = configuration.GetSection(Section).Get<BusOptions>() ?? new BusOptions();
        IReadOnlyList<string> problems = options.Problems();
        return problems.Count == 0 ? options : throw new OptionsValidationException(Section, typeof(BusOptions), problems);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex EndpointPrefixShape();
}
