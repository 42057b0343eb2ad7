using MassTransit;

namespace DelTran.Host.Infrastructure.Messaging;

/// <summary>Prefixes message exchange names with the installation's prefix, so installations never share messages.</summary>
public sealed class InstallationEntityNameFormatter(IEntityNameFormatter inner, string prefix) : IEntityNameFormatter
{
    public string FormatEntityName<T>() => prefix + "." + inner.FormatEntityName<T>();
}
