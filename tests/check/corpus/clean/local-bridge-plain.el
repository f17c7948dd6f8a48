;; Proton Mail Bridge listens on localhost without TLS.
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "127.0.0.1"
      smtpmail-smtp-service 1025
      smtpmail-stream-type 'plain
      smtpmail-smtp-user "peggy@example.org"
      user-mail-address "peggy@example.org")
