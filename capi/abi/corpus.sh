# The ABI check's steps, sourced by abi_test.sh and update_baseline.sh.
abi_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# abidw: the library's ABI as libabigail XML, made the one same way.
dump_abi() {  # dump_abi LIB SUPPRESSIONS OUT
  abidw --suppressions "$2" --no-corpus-path --no-show-locs --type-id-style hash \
    --out-file "$3" "$1"
}

# Checks that an ABI dump describes every exported function. libabigail 2.2
# writes a function once per name: when a translation unit that only calls
# an exported function comes before the one defining it, the dump keeps the
# bare declaration and loses the definition's link to its symbol, and abidiff
# then silently skips that function. Keep calls between cw_* entry points
# inside one .cc file (or call an internal helper instead).
complete_abi() {  # complete_abi FILE.abi: prints what is missing, fails if any
  local missing=0 name
  for name in $(sed -n "s/.*<elf-symbol name='\(cw_[a-z0-9_]*\)' type='func-type'.*/\1/p" "$1"); do
    if ! grep -q "<function-decl name='$name' .*elf-symbol-id='$name'" "$1"; then
      echo "$1: no definition of $name is described (see capi/abi/corpus.sh)"
      missing=1
    fi
  done
  return $missing
}

# The verdict: 0 when LIB can replace the library BASELINE describes. New
# functions and fields appended to struct_size structs are allowed
# (allow_appends.py); everything else abidiff reports fails.
abi_verdict() {  # abi_verdict BASELINE LIB SUPPRESSIONS WORKDIR
  local baseline=$1 lib=$2 suppr=$3 work=$4
  dump_abi "$lib" "$suppr" "$work/current.abi"
  complete_abi "$baseline" && complete_abi "$work/current.abi" || return 1
  /usr/bin/python3 "$abi_dir/allow_appends.py" "$baseline" "$work/current.abi" \
    "$work/compared.abi" || return 1
  abidiff --suppressions "$suppr" --no-added-syms "$baseline" "$work/compared.abi"
}
