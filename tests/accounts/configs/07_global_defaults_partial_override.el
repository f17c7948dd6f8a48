(setq user-full-name "Carol Example"
      user-mail-address "carol@main.example"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.main.example"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
(require 'mu4e)
(setq mu4e-contexts
      (list
       (make-mu4e-context
        :name "main"
        :vars '((user-mail-address . "carol@main.example")))
       (make-mu4e-context
        :name "list"
        :vars '((user-mail-address . "carol+lists@main.example")
                (mu4e-compose-signature . nil)))
       (make-mu4e-context
        :name "other"
        :vars '((user-mail-address . "carol@other.example")
                (smtpmail-smtp-server . "smtp.other.example")))))
