# frozen_string_literal: true
#
# Net::HTTP through the lambdabox host (wit/stdio-transport.md, "Outbound HTTP").
#
# The sandbox has no sockets, and this CRuby build has neither the `socket` nor the `io/wait`
# extension, so `require 'net/http'` would fail. Instead:
# - `socket` is provided by classes that refuse to open anything (raw sockets stay unavailable);
# - the real net/http library is loaded (into the snapshot, so a handler's `require` is free) and
#   only its `connect` is replaced: the "socket" it then talks to is a `HostSocket`, which takes
#   the request bytes net/http writes, has the host perform the request (the host checks the
#   destination against the allowed outbound hosts), and hands the response back as HTTP/1.1
#   bytes to net/http's own parser. Everything above the socket (request classes, headers,
#   response classes, `value`, `read_body`, gzip decoding, keep-alive) is net/http's own code.
# Redirects are not followed, as by Net::HTTP itself (the host is asked for exactly one exchange).

module Lambdabox
  NO_SOCKETS = 'raw sockets are not available in the lambdabox sandbox ' \
               '(use Net::HTTP: its requests go through the host to the allowed outbound hosts)'
end

# The `socket` library's classes, without the ability to connect.
class SocketError < StandardError; end

class BasicSocket < IO
  def initialize(*)
    raise SocketError, Lambdabox::NO_SOCKETS
  end

  def self.for_fd(*)
    raise SocketError, Lambdabox::NO_SOCKETS
  end
end

class IPSocket < BasicSocket; end
class TCPSocket < IPSocket; end
class TCPServer < TCPSocket; end
class UDPSocket < IPSocket; end
class UNIXSocket < BasicSocket; end
class UNIXServer < UNIXSocket; end

class Socket < BasicSocket
  AF_UNSPEC = 0
  AF_INET = 2
  AF_INET6 = 10
  SOCK_STREAM = 1
  SOCK_DGRAM = 2
  IPPROTO_TCP = 6
  IPPROTO_UDP = 17
  TCP_NODELAY = 1
  SOL_SOCKET = 1

  def self.tcp(*)
    raise SocketError, Lambdabox::NO_SOCKETS
  end

  def self.getaddrinfo(*)
    raise SocketError, Lambdabox::NO_SOCKETS
  end

  def self.gethostname
    'localhost'
  end
end

$LOADED_FEATURES.push('socket.rb', 'io/wait.rb')

# This CRuby build has no openssl extension: the host does TLS (verifying against the system's
# roots). net/http still names these constants (`Net::HTTP.start(…, use_ssl: true)` defaults
# `verify_mode` to OpenSSL::SSL::VERIFY_PEER; its retry rescue lists OpenSSL::SSL::SSLError once
# OpenSSL::SSL is defined), so they exist with OpenSSL's values and hierarchy.
unless defined?(OpenSSL::SSL)
  module OpenSSL
    class OpenSSLError < StandardError; end

    module SSL
      VERIFY_NONE = 0
      VERIFY_PEER = 1
      class SSLError < OpenSSLError; end
    end
  end
end

require 'net/http'

module Lambdabox
  # The connection net/http writes to and reads from. The request is sent to the host when
  # net/http starts reading the response.
  class HostSocket
    # `timeout` (seconds or nil) caps each exchange, as net/http's open + read timeouts would.
    def initialize(scheme, host, port, timeout = nil)
      host = "[#{host}]" if host.include?(':') && !host.start_with?('[')
      @timeout = timeout
      @origin = "#{scheme}://#{host}:#{port}"
      @address = "#{host}:#{port}"
      @out = ''.b
      @in = ''.b
      @closed = false
    end

    def write_nonblock(data, exception: true) # rubocop:disable Lint/UnusedMethodArgument
      check_open
      data = data.to_s
      @out << data.b
      data.bytesize
    end

    def write(*data)
      data.sum { |d| write_nonblock(d) }
    end

    def read_nonblock(len, buf = nil, exception: true)
      check_open
      exchange if @in.empty? && !@out.empty?
      if @in.empty?
        raise EOFError, 'end of file reached' if exception

        return nil
      end
      chunk = @in.byteslice(0, len)
      @in = @in.byteslice(chunk.bytesize..)
      buf ? buf.replace(chunk) : chunk
    end

    def to_io
      self
    end

    # Readable only when a response is buffered: net/http asks before reusing a kept-alive
    # connection and while waiting for `100 Continue` (which never comes: the host sends the
    # whole request).
    def wait_readable(_timeout = nil)
      @in.empty? ? nil : self
    end

    def wait_writable(_timeout = nil)
      self
    end

    def eof?
      @in.empty? && @out.empty?
    end

    def close
      @closed = true
      nil
    end

    def closed?
      @closed
    end

    def setsockopt(*) end

    def peer_cert; end

    def inspect
      "#<#{self.class} #{@origin}#{' (closed)' if @closed}>"
    end

    private

    def check_open
      raise IOError, 'closed stream' if @closed
    end

    # Send the buffered request to the host; buffer its response as HTTP/1.1 bytes.
    def exchange
      head_end = @out.index("\r\n\r\n") or raise IOError, 'lambdabox: incomplete HTTP request'
      lines = @out.byteslice(0, head_end).split("\r\n")
      method, target, = lines.shift.to_s.split(' ', 3)
      headers = lines.map { |line| line.split(':', 2).map(&:strip) }
      body, rest = request_body(headers, @out.byteslice(head_end + 4..))
      @out = rest
      url = target.match?(%r{\Ahttps?://}i) ? target : "#{@origin}#{target}"
      reply = Lambdabox.http_exchange(method, url, headers, body, timeout: @timeout)
      refused(reply['message']) unless reply['type'] == 'httpResponse'
      @in << response_bytes(reply)
    end

    # The body as net/http framed it (Content-Length, or chunked for a body stream), and what
    # follows it.
    def request_body(headers, data)
      field = ->(name) { headers.reverse_each.find { |k, _| k.casecmp?(name) }&.last }
      if field.call('transfer-encoding').to_s.downcase.include?('chunked')
        dechunk(data)
      else
        length = field.call('content-length').to_i
        [data.byteslice(0, length), data.byteslice(length..) || ''.b]
      end
    end

    def dechunk(data)
      body = ''.b
      at = 0
      loop do
        line_end = data.index("\r\n", at) or break
        size = data.byteslice(at, line_end - at).to_i(16)
        at = line_end + 2
        if size.zero?
          trailer_end = data.index("\r\n\r\n", at - 2)
          at = trailer_end ? trailer_end + 4 : data.bytesize
          break
        end
        body << data.byteslice(at, size)
        at += size + 2
      end
      [body, data.byteslice(at..) || ''.b]
    end

    # The host has already undone the transfer coding: the body is sent with its length.
    def response_bytes(reply)
      body = reply['body'].to_s.unpack1('m0')
      status = reply['status'].to_i
      reason = reply['reason'].to_s
      reason = Net::HTTP::STATUS_CODES.fetch(status, '') if reason.empty?
      bytes = "HTTP/1.1 #{status} #{reason}\r\n".b
      announced = false
      (reply['headers'] || []).each do |name, value|
        case name.downcase
        when 'transfer-encoding' then next
        when 'content-length'
          # Kept only for a body the server did not send (HEAD, 304): it describes the resource.
          next unless body.empty?

          announced = true
        end
        bytes << "#{name}: #{value}\r\n".b
      end
      bytes << "content-length: #{body.bytesize}\r\n" unless announced
      bytes << "\r\n" << body
    end

    # The host's error as the exception net/http would raise for it: a refused destination is
    # a SocketError naming the flag that would allow it.
    def refused(message)
      message = message.to_s
      raise Net::ReadTimeout, self if message.include?('timed out')

      error = case message
              when /connection refused/i then Errno::ECONNREFUSED.new
              when /connection reset/i then Errno::ECONNRESET.new
              else SocketError.new
              end
      # `exception(text)` keeps the class and makes `text` the whole message, as net/http does.
      raise error.exception("Failed to open TCP connection to #{@address} (#{message})")
    end
  end

  # Replaces Net::HTTP's socket-level `connect`: the rest of net/http is unchanged.
  module NetHTTPTransport
    private

    def connect
      debug "opening connection to #{address}:#{port}..."
      timeout = (@open_timeout || 0) + @read_timeout if @read_timeout
      socket = HostSocket.new(use_ssl? ? 'https' : 'http', address, port, timeout)
      debug 'opened'
      @socket = Net::BufferedIO.new(socket, read_timeout: @read_timeout,
                                            write_timeout: @write_timeout,
                                            continue_timeout: @continue_timeout,
                                            debug_output: @debug_output)
      @last_communicated = nil
      on_connect
    end
  end
end

require 'net/http/status'
Net::HTTP.prepend(Lambdabox::NetHTTPTransport)
