using System.Globalization;

namespace DelTran.Core.Iso20022;

/// <summary>
/// The work one message may cost the reader: a number of reader steps (nodes read and child lookups)
/// that grows with the bytes read so far, and an optional watchdog token the host cancels when its
/// wall-clock limit passes. Every node needs at least one byte, so an honest reading stays far below
/// the allowance; exceeding it means a loop that does not advance or a file built to make the reader
/// work, and the message is refused (FF01) instead of stalling the reader.
/// </summary>
public sealed class ReadBudget
{
    // Between watchdog looks: cheap enough to be invisible, often enough to answer within a millisecond.
    private const long WatchdogInterval = 4096;

    private readonly long _baseSteps;
    private readonly int _stepsPerByte;
    private readonly Func<long> _bytesRead;
    private readonly CancellationToken _watchdog;
    private long _steps;
    private long _nextCheck;

    public ReadBudget(long baseSteps, int stepsPerByte, Func<long> bytesRead, CancellationToken watchdog = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(stepsPerByte);
        _baseSteps = baseSteps;
        _stepsPerByte = stepsPerByte;
        _bytesRead = bytesRead;
        _watchdog = watchdog;
        _nextCheck = 1;
    }

    /// <summary>A budget with no byte count behind it: only the base allowance and the watchdog.</summary>
    public static ReadBudget Fixed(long steps, CancellationToken watchdog = default) => new(steps, 1, static () => 0, watchdog);

    /// <summary>Steps charged so far.</summary>
    public long Steps => _steps;

    /// <summary>Steps allowed after <paramref name="bytesRead"/> bytes.</summary>
    public long Allowance(long bytesRead) => _baseSteps + (_stepsPerByte * bytesRead);

    /// <summary>Charges one step; throws <see cref="ReadBudgetExceededException"/> past the allowance or once the watchdog fired.</summary>
    public void Step()
    {
        if (++_steps >= _nextCheck)
        {
            Check();
        }
    }

    private void Check()
    {
        if (_watchdog.IsCancellationRequested)
        {
            throw new ReadBudgetExceededException("The message was still being read when the host's watchdog limit passed; it was refused rather than left to stall the reader.");
        }

        long bytes = _bytesRead();
        long allowance = Allowance(bytes);
        if (_steps > allowance)
        {
            throw new ReadBudgetExceededException(
                $"The message exceeded the reader's work budget: {_steps.ToString(CultureInfo.InvariantCulture)} reader steps after {bytes.ToString(CultureInfo.InvariantCulture)} bytes " +
                $"(the budget allows {_baseSteps.ToString(CultureInfo.InvariantCulture)} plus {_stepsPerByte.ToString(CultureInfo.InvariantCulture)} per byte read).");
        }

        _nextCheck = Math.Min(allowance + 1, _steps + WatchdogInterval);
    }
}
