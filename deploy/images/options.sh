# Sourced by build.sh and test.sh: the image coordinates both take. Defaults: the loopback registry build.sh starts,
# group voipconfig, the project's version as the tag.
registry=127.0.0.1:5000
group=voipconfig
tag="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --registry) registry="$2"; shift 2 ;;
    --group) group="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --base) [ "${allow_base:-false}" = true ] || { echo "--base is an option of build.sh" >&2; exit 2; }
      base="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
