namespace DelTran.Core.Fx;

public sealed record FxRouteError(FxRouteErrorKind Kind, string Message);
