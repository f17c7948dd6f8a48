(require 'mu4e)
(setq message-signature "Global signature"
      send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "Research"
             :vars '((user-mail-address . "lee@lab.example")
                     (user-full-name . "Dr. Lee")
                     (message-signature . "Dr. Lee\nThe Lab")
                     (mu4e-compose-signature . "Dr. Lee\nThe Lab")
                     (mu4e-sent-folder . "/lab/Sent")
                     (mu4e-drafts-folder . "/lab/Drafts")
                     (mu4e-trash-folder . "/lab/Trash")
                     (mu4e-refile-folder . "/lab/Archive")
                     (smtpmail-smtp-server . "smtp.lab.example")))
            (make-mu4e-context
             :name "Private"
             :vars '((user-mail-address . "lee@private.example")
                     (user-full-name . "Lee")
                     (message-signature . nil)
                     (mu4e-sent-folder . "/private/Sent")
                     (smtpmail-smtp-server . "smtp.private.example")))))
