(require 'mu4e)
(setq sendmail-program "/usr/bin/msmtp"
      send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      message-sendmail-f-is-evil t
      message-sendmail-extra-arguments '("--read-envelope-from"))
(setq mu4e-contexts
      `(,(make-mu4e-context
          :name "personal"
          :vars '((user-mail-address . "bob@personal.example")
                  (message-sendmail-extra-arguments . ("-a" "personal"))))
        ,(make-mu4e-context
          :name "work"
          :vars '((user-mail-address . "bob@corp.example")
                  (message-sendmail-extra-arguments . ("-a" "work" "--read-envelope-from"))))))
