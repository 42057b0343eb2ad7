namespace DelTran.Core.Fx;

/// <summary>Either the chosen path, or why there is none.</summary>
public sealed record FxRoute(FxPath? Path, FxRouteError? Error)
{
    public bool Found => Path is not null;
}
