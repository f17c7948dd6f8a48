;; Hand mail to msmtp, which picks the account from the From: header.
(setq user-mail-address "grace@example.org")
(setq send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      sendmail-program "/usr/bin/msmtp"
      mail-specify-envelope-from t
      mail-envelope-from 'header
      message-sendmail-envelope-from 'header
      message-sendmail-f-is-evil t
      message-sendmail-extra-arguments '("--read-envelope-from"))
