;; expect: 4:1 warning send-function-mismatch
(setq send-mail-function 'sendmail-send-it
      user-mail-address "alice@example.org")
(setq message-send-mail-function 'sendmail-send-it)
