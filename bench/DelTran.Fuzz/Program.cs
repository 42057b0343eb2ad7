using DelTran.Fuzz;
using SharpFuzz;

// Under afl-fuzz (`dotnet DelTran.Fuzz.dll`, started by `./build.sh fuzz`): SharpFuzz's out-of-process fork server,
// one input per run on stdin. `dotnet DelTran.Fuzz.dll --replay FILE...` runs saved inputs (afl's crashes and hangs)
// outside afl and prints each verdict; its exit code is 1 when any of them is a finding.
if (args is ["--replay", .. string[] files])
{
    return FuzzTarget.Replay(files, Console.Out);
}

// Made on the first input, in the child process only: the fork server itself never validates.
// DELTRAN_FUZZ_PARALLEL=1 also compares the parallel pass with the sequential one (see FuzzTarget).
bool parallel = Environment.GetEnvironmentVariable("DELTRAN_FUZZ_PARALLEL") == "1";
var target = new Lazy<FuzzTarget>(() => new FuzzTarget(parallel));
Fuzzer.OutOfProcess.Run(input => target.Value.Run(input));
return 0;
