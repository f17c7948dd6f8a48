;; expect: 2:7 warning send-function-mismatch
(setq send-mail-function 'message-send-mail-with-sendmail)
(setq sendmail-program "/usr/bin/msmtp"
      user-mail-address "alice@example.org")
