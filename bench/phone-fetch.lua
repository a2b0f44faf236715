-- wrk script: fetch {mac}.cfg for many devices, as phones do, with Basic or Digest credentials.
-- Arguments (after --): <mode: none|basic|digest> <mac list file> <user> <password> [nonces per thread, nonces...]
-- For Digest every thread uses its own nonces (obtained by the caller from 401s), round-robin, each with increasing
-- nc values: like a client reusing nonces on parallel connections.
local bit = require("bit")
local band, bor, bxor, bnot, lshift, rshift, rol, tobit = bit.band, bit.bor, bit.bxor, bit.bnot, bit.lshift,
  bit.rshift, bit.rol, bit.tobit

-- MD5 (RFC 1321) in LuaJIT; checked against the RFC test suite at start.
local K, S = {}, { [0] = 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
  5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21 }
for i = 0, 63 do K[i] = tobit(math.floor(math.abs(math.sin(i + 1)) * 2 ^ 32)) end

local function md5(msg)
  local len = #msg
  local bits = len * 8
  msg = msg .. "\128" .. string.rep("\0", (55 - len) % 64)
    .. string.char(band(bits, 255), band(rshift(bits, 8), 255), band(rshift(bits, 16), 255),
      band(rshift(bits, 24), 255), 0, 0, 0, 0)
  local a0, b0, c0, d0 = tobit(0x67452301), tobit(0xefcdab89), tobit(0x98badcfe), tobit(0x10325476)
  local M = {}
  for chunk = 1, #msg, 64 do
    for i = 0, 15 do
      local p = chunk + i * 4
      local b1, b2, b3, b4 = string.byte(msg, p, p + 3)
      M[i] = bor(b1, lshift(b2, 8), lshift(b3, 16), lshift(b4, 24))
    end
    local A, B, C, D = a0, b0, c0, d0
    for i = 0, 63 do
      local F, g
      if i < 16 then F = bor(band(B, C), band(bnot(B), D)); g = i
      elseif i < 32 then F = bor(band(D, B), band(bnot(D), C)); g = (5 * i + 1) % 16
      elseif i < 48 then F = bxor(B, C, D); g = (3 * i + 5) % 16
      else F = bxor(C, bor(B, bnot(D))); g = (7 * i) % 16 end
      F = tobit(F + A + K[i] + M[g])
      A = D; D = C; C = B
      B = tobit(B + rol(F, S[i]))
    end
    a0, b0, c0, d0 = tobit(a0 + A), tobit(b0 + B), tobit(c0 + C), tobit(d0 + D)
  end
  local function le(x)
    return string.format("%02x%02x%02x%02x", band(x, 255), band(rshift(x, 8), 255), band(rshift(x, 16), 255),
      band(rshift(x, 24), 255))
  end
  return le(a0) .. le(b0) .. le(c0) .. le(d0)
end

local function check_md5()
  local suite = { [""] = "d41d8cd98f00b204e9800998ecf8427e", ["abc"] = "900150983cd24fb0d6963f7d28e17f72",
    ["message digest"] = "f96b697d7cb7938d525a2f31aaf161d0",
    ["12345678901234567890123456789012345678901234567890123456789012345678901234567890"] =
      "57edf4a22be3c955ac49da2e2107b67a" }
  for input, expected in pairs(suite) do
    assert(md5(input) == expected, "MD5 self-test failed for '" .. input .. "'")
  end
end

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local mode, macs, user, password, nonces, ha1, ha2, basic, ncs, i, cnonce, turn, limit, answered

function init(args)
  check_md5()
  mode, user, password = args[1], args[3], args[4]
  macs = {}
  for line in io.lines(args[2]) do table.insert(macs, line) end
  local id = tonumber(wrk.thread:get("id"))
  local per = tonumber(args[5]) or 0
  nonces, ncs, turn = {}, {}, 0
  for k = 1, per do
    nonces[k] = args[5 + (id - 1) * per + k]
    ncs[k] = 0
  end
  ha1 = md5(user .. ":voipconfig:" .. password)
  ha2 = {}
  if mode == "digest" then
    for k, mac in ipairs(macs) do ha2[k] = md5("GET:/" .. mac .. ".cfg") end
  end
  -- WRK_REQUESTS_PER_THREAD: each thread stops after that many responses (the run's -d still bounds it in time).
  -- Only then is there a response() for wrk to call: reading every response in Lua costs wrk CPU.
  -- wrk waits out the whole -d even when every thread has stopped, so each thread notes when it started and stopped
  -- (wall clock, whole seconds) and done() divides by that span rather than by wrk's duration.
  limit, answered = tonumber(os.getenv("WRK_REQUESTS_PER_THREAD") or ""), 0
  if limit then
    wrk.thread:set("started", os.time())
    response = function()
      answered = answered + 1
      if answered >= limit then
        wrk.thread:set("stopped", os.time())
        wrk.thread:stop()
      end
    end
  end
  local b64 = io.popen("printf '%s' '" .. user .. ":" .. password .. "' | base64"):read("*l")
  basic = "Basic " .. b64
  -- Threads start at evenly spaced MACs (WRK_THREADS of them, default 2), so together they walk the whole list.
  local spread = tonumber(os.getenv("WRK_THREADS") or "") or 2
  i, cnonce = (id - 1) * math.floor(#macs / spread), string.format("%08x", id * 7919)
  wrk.headers["User-Agent"] = "Yealink SIP-T46U 108.86.0.90"
end

function request()
  i = i % #macs + 1
  local path = "/" .. macs[i] .. ".cfg"
  if mode == "basic" then
    wrk.headers["Authorization"] = basic
  elseif mode == "digest" then
    turn = turn % #nonces + 1
    ncs[turn] = ncs[turn] + 1
    local nonce, nc = nonces[turn], string.format("%08x", ncs[turn])
    local resp = md5(ha1 .. ":" .. nonce .. ":" .. nc .. ":" .. cnonce .. ":auth:" .. ha2[i])
    wrk.headers["Authorization"] = 'Digest username="' .. user .. '", realm="voipconfig", nonce="' .. nonce
      .. '", uri="' .. path .. '", algorithm=MD5, response="' .. resp .. '", qop=auth, nc=' .. nc
      .. ', cnonce="' .. cnonce .. '"'
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local first, last
  for _, thread in ipairs(threads) do
    local started, stopped = thread:get("started"), thread:get("stopped")
    if started and stopped then
      first = math.min(first or started, started)
      last = math.max(last or stopped, stopped)
    else
      first, last = nil, nil
      break
    end
  end
  if first and last > first then seconds = last - first end
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d"
    .. " socket_errors=%d\n", summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
