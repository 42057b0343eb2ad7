using Spectre.Console;

namespace DelTran.Host.Cli;

/// <summary>Command-line file arguments: files, or folders searched for *.xml in ordinal order.</summary>
public static class InputFiles
{
    public static List<string>? Expand(IReadOnlyList<string> inputs, TextWriter stderr) =>
        ExpandWithRelativePaths(inputs, stderr)?.Select(f => f.Path).ToList();

    /// <summary>Each file with its path relative to the folder it was found in (its name when given directly).</summary>
    public static List<(string Path, string Relative)>? ExpandWithRelativePaths(IReadOnlyList<string> inputs, TextWriter stderr)
    {
        var files = new List<(string Path, string Relative)>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                // "*.expected.xml" files are golden outputs kept beside their inputs, not messages.
                files.AddRange(Directory.EnumerateFiles(input, "*.xml", SearchOption.AllDirectories)
                    .Where(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .Select(f => (f, Relative(input, f))));
            }
            else if (File.Exists(input))
            {
                files.Add((input, Relative(Path.GetDirectoryName(Path.GetFullPath(input))!, input)));
            }
            else
            {
                stderr.WriteLine($"deltran: no such file or directory: {input}");
                return null;
            }
        }

        if (files.Count == 0)
        {
            stderr.WriteLine("deltran: no .xml files found in " + string.Join(", ", inputs));
            return null;
        }

        return files;
    }

    // Relative to the working folder when the file lies below it, else to the folder given: unique either way.
    private static string Relative(string root, string file)
    {
        string fromHere = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(file));
        return fromHere.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(fromHere)
            ? Path.Combine(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root))), Path.GetRelativePath(root, file))
            : fromHere;
    }
}
