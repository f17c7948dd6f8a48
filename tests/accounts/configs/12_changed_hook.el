(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it)
(defvar my-signature-file nil)
(add-hook 'mu4e-context-changed-hook
          (lambda ()
            (setq smtpmail-smtp-user user-mail-address)))
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "one"
             :vars '((user-mail-address . "hank@one.example")
                     (smtpmail-smtp-server . "smtp.one.example")))
            (make-mu4e-context
             :name "two"
             :vars '((user-mail-address . "hank@two.example")
                     (smtpmail-smtp-server . "smtp.two.example")))))
