using Microsoft.Extensions.Options;

namespace DelTran.Host.Ingest.Channels;

/// <summary>Startup validation of both channel sections (ValidateOnStart), every problem in one message.</summary>
public sealed class ChannelOptionsValidator : IValidateOptions<FolderChannelOptions>, IValidateOptions<SftpChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, FolderChannelOptions options) => Result(options.Problems(FolderChannelOptions.Section));

    public ValidateOptionsResult Validate(string? name, SftpChannelOptions options) => Result(options.Problems(SftpChannelOptions.Section));

    private static ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}
