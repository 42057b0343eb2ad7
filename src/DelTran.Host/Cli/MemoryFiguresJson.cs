namespace DelTran.Host.Cli;

[System.Text.Json.Serialization.JsonSerializable(typeof(MemoryFigures))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class MemoryFiguresJson : System.Text.Json.Serialization.JsonSerializerContext;
