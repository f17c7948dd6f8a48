(require 'mu4e)
(setq-default smtpmail-queue-dir "~/Maildir/queue/cur"
              smtpmail-queue-mail nil)
(setq send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "Laptop"
             :vars '((user-mail-address . "jack@laptop.example")
                     (smtpmail-smtp-server . "smtp.laptop.example")
                     (smtpmail-queue-mail . t)
                     (smtpmail-queue-dir . "~/Maildir/laptop/queue")))
            (make-mu4e-context
             :name "Desk"
             :vars '((user-mail-address . "jack@desk.example")
                     (smtpmail-smtp-server . "smtp.desk.example")))))
