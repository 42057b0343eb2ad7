namespace DelTran.Core.Screening;

/// <summary>One file of a list folder: its name relative to the folder ("ofac/sdn.csv") and its bytes. Core does no I/O.</summary>
public sealed record ListFile(string Name, ReadOnlyMemory<byte> Content);
