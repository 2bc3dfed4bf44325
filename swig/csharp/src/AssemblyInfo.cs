using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Candlewick")]
[assembly: AssemblyDescription("Financial charts and technical indicators: the C# binding of candlewick")]
// The tests check the SWIG layer's constants against the public enums.
[assembly: InternalsVisibleTo("Candlewick.Tests")]
