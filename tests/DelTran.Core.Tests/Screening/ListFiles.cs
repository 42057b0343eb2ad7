using DelTran.Core.Screening;
using DelTran.Core.Tests.Support;

namespace DelTran.Core.Tests.Screening;

/// <summary>List folders for the loader tests: the real files in ../shared/sanctions and our own small ones in Lists/.</summary>
internal static class ListFiles
{
    private static readonly Lazy<ListFolderLoad> SharedLoad = new(() => ListLoader.Load(Folder(SharedFolder)));

    public static string SharedFolder => Path.Combine(RepoPaths.Shared, "sanctions");

    public static string OwnFolder => Path.Combine(RepoPaths.Root, "tests", "DelTran.Core.Tests", "Screening", "Lists");

    /// <summary>Every list in ../shared/sanctions, loaded once for the test run.</summary>
    public static ListFolderLoad Shared => SharedLoad.Value;

    public static ListFileResult SharedList(string source) => Assert.Single(Shared.Lists, l => l.Source == source);

    /// <summary>Every file under <paramref name="folder"/>, named relative to it with '/' separators.</summary>
    public static List<ListFile> Folder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => new ListFile(Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllBytes(path)))];

    public static ListFile Own(string name) => new(name, File.ReadAllBytes(Path.Combine(OwnFolder, name)));

    public static ListFile SharedFile(string relative) => new(relative, File.ReadAllBytes(Path.Combine(SharedFolder, relative)));

    public static ListFileResult LoadOne(ListFile file) => Assert.Single(ListLoader.Load([file]).Lists);

    /// <summary>The first <paramref name="fraction"/> of a file's bytes, as a download cut short would leave it.</summary>
    public static ListFile Truncated(ListFile file, double fraction) => file with { Content = file.Content[..(int)(file.Content.Length * fraction)] };
}
