using System.Runtime.CompilerServices;

// The fast batch check is internal; its equivalence tests drive it directly.
[assembly: InternalsVisibleTo("DelTran.Core.Tests")]
