namespace DelTran.Host.Clearing.WindowReports;

/// <summary>Takes a window's written reports to whoever receives them outside the API (the participants' drop folders).</summary>
public interface IWindowReportDelivery
{
    /// <summary>Delivers the reports in <paramref name="directory"/> (the window's report folder); throws when a destination cannot be written.</summary>
    Task DeliverAsync(string windowId, string directory, CancellationToken cancellationToken);
}
