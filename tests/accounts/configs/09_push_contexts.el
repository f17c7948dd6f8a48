(require 'mu4e)
(setq mu4e-contexts nil)
(push (make-mu4e-context
       :name "second"
       :vars '((user-mail-address . "eve@second.example")
               (smtpmail-smtp-server . "smtp.second.example")))
      mu4e-contexts)
(push (make-mu4e-context
       :name "first"
       :vars '((user-mail-address . "eve@first.example")
               (smtpmail-smtp-server . "smtp.first.example")))
      mu4e-contexts)
(setq send-mail-function 'smtpmail-send-it)
