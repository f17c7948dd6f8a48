;; expect: 4:7 warning send-function-mismatch
(setq send-mail-function 'sendmail-send-it
      user-mail-address "alice@example.org")
(setq message-send-mail-function 'sendmail-send-it)
