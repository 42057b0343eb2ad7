namespace DelTran.MockBank;

internal static class Program
{
    public static Task Main(string[] args) => MockBankApp.Create(args).RunAsync();
}
