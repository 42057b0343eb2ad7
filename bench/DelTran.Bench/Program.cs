using DelTran.Bench;

return BenchCli.Run(args);
