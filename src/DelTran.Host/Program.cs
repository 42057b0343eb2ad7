using DelTran.Host.Cli;

return DelTranCli.Run(args, Console.Out, Console.Error, TimeProvider.System);
