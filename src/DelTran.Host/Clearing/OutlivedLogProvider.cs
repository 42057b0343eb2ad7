namespace DelTran.Host.Clearing;

/// <summary>
/// Hangfire logs through one process-wide provider, the last host's. When that host is disposed before another (tests
/// run several hosts in one process), its logger factory throws ObjectDisposedException inside the other host's
/// workers, and a job could be left unfinished holding its lock. A log line to a disposed host is dropped instead.
/// </summary>
public sealed class OutlivedLogProvider(Hangfire.Logging.ILogProvider inner) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new GuardedLog(inner, name);

    private sealed class GuardedLog(Hangfire.Logging.ILogProvider provider, string name) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return provider.GetLogger(name).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
