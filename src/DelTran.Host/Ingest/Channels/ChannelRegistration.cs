using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Renci.SshNet.Common;

namespace DelTran.Host.Ingest.Channels;

/// <summary>Wires the drop-folder channels: the watched folder and SFTP.</summary>
public static class ChannelRegistration
{
    /// <summary>
    /// For `deltran serve`: the two channel sections (validated at startup), the drop folders, and the polling
    /// services. A channel whose section says Enabled=false (the default) does nothing.
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FolderChannelOptions>().Bind(configuration.GetSection(FolderChannelOptions.Section)).ValidateOnStart();
        services.AddOptions<SftpChannelOptions>().Bind(configuration.GetSection(SftpChannelOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FolderChannelOptions>, ChannelOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SftpChannelOptions>, ChannelOptionsValidator>());
        services.TryAddSingleton<DropFolderRegistry>();
        services.AddHostedService<FolderChannelService>();
        services.AddHostedService<SftpChannelService>();
        return services;
    }

    /// <summary>
    /// Inside AddMassTransit: the pacs.002 delivery to the drop folders. Where AddChannels was not called
    /// (`deltran process`) no channel is enabled and it delivers nothing.
    /// </summary>
    public static void AddChannelConsumers(IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton<DropFolderRegistry>();
        bus.AddConsumer<StatusReportDeliveryConsumer>((_, consumer) => consumer.UseMessageRetry(retry =>
        {
            // An unreachable SFTP server or a full disk is an outage, not a bug: retry until it is back, so no
            // pacs.002 is dropped. (Database errors are retried by the bus-wide policy.)
            retry.Exponential(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
            retry.Handle<IOException>();
            retry.Handle<SshException>();
            retry.Handle<SocketException>();
            retry.Handle<TimeoutException>();
            retry.Handle<UnauthorizedAccessException>();
        }));
    }
}
